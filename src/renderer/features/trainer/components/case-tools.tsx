import { useState } from 'react';
import { Banner } from '../../../ui/banner';
import {
  useCaseList,
  useCreateCaseFromThread,
  useExportCase,
  useImportCases,
} from '../hooks/use-trainer-data';
import { downloadText } from '../model/download';
import { CaseReview } from './case-review';

/** Import and export case files, and capture the current assist conversation as a new case. */
export function CaseTools() {
  const cases = useCaseList();
  const importer = useImportCases();
  const exporter = useExportCase();
  const create = useCreateCaseFromThread();
  const [text, setText] = useState('');
  const [exportId, setExportId] = useState('');
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
  };
  return (
    <div className="case-tools">
      <section aria-label="Create a case from the current conversation">
        <h2>Create a case from the current conversation</h2>
        <p>
          Takes the conversation open in Assist. Personal data is redacted again; review every field before
          saving.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => create.mutate()}
          disabled={create.isPending}
          data-testid="create-from-thread"
        >
          Draft a case from the conversation
        </button>
        {create.isError ? <Banner level="error">{create.error.message}</Banner> : null}
        {create.data ? (
          <CaseReview key={create.data.id} draft={create.data} onDone={() => create.reset()} />
        ) : null}
      </section>
      <section aria-label="Import cases">
        <h2>Import cases</h2>
        <label className="field">
          Case file (JSON: one case or a list)
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <label className="field">
          Or paste the JSON
          <textarea
            className="editor__textarea"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="import-text"
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={() => importer.mutate(text)}
          disabled={!text.trim() || importer.isPending}
          data-testid="import-cases"
        >
          Validate and import
        </button>
        {importer.isError ? <Banner level="error">{importer.error.message}</Banner> : null}
        {importer.data ? (
          <div role="status" data-testid="import-result">
            <p>
              {importer.data.saved.length
                ? `Saved: ${importer.data.saved.join(', ')}.`
                : 'Nothing was saved.'}
            </p>
            {importer.data.problems.length ? (
              <ul className="findings" aria-label="Problems">
                {importer.data.problems.map((p, i) => (
                  <li key={i} className="findings__item findings__item--block">
                    {p.file}: <code>{p.path || '(file)'}</code> {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </section>
      <section aria-label="Export a case">
        <h2>Export a case</h2>
        <label>
          Case{' '}
          <select value={exportId} onChange={(e) => setExportId(e.target.value)}>
            <option value="">— choose —</option>
            {(cases.data?.cases ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          className="button"
          disabled={!exportId || exporter.isPending}
          onClick={() =>
            exporter.mutate(exportId, {
              onSuccess: (r) => downloadText(`${exportId}.json`, r.text, 'application/json'),
            })
          }
        >
          Export JSON
        </button>
        {exporter.isError ? <Banner level="error">{exporter.error.message}</Banner> : null}
      </section>
    </div>
  );
}
