import { useId, useState } from 'react';
import type { EventFilter, ExportFormat, ImportResult } from '../../../../shared/contract/supervisor';
import { errorMessage } from '../../../lib/ipc';
import { useAppInfo } from '../../../lib/use-app-info';
import { Banner } from '../../../ui/banner';
import { useExport, useImport, useImportFromDialog } from '../hooks/use-supervisor-data';
import { count } from '../model/format';

/** Saves text the page already holds as a download (the browser harness has no save dialog). */
function download(text: string, format: ExportFormat): void {
  const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `tandem-events-${new Date().toISOString().slice(0, 10)}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Export the current view and import other agents' exports. In the app, main opens the save dialog and
 * writes the file (the page never names a path to write); where there is no dialog, the text comes back
 * over IPC and is downloaded.
 */
export function ExportControls({ filter }: { filter: EventFilter }) {
  const app = useAppInfo();
  const exporter = useExport();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const formatId = useId();
  const toFile = app.data?.shell === 'electron';
  const run = (): void =>
    exporter.mutate(
      { filter, format, destination: toFile ? 'file' : 'text' },
      {
        onSuccess: (result) => {
          if (result.text !== null) download(result.text, format);
        },
      },
    );
  const result = exporter.data;
  return (
    <div className="sup-actions__group">
      <div className="sup-actions__row">
        <label className="visually-hidden" htmlFor={formatId}>
          Export format
        </label>
        <select
          id={formatId}
          className="input sup-actions__format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
        >
          <option value="csv">CSV</option>
          <option value="jsonl">JSONL</option>
        </select>
        <button type="button" className="button" disabled={exporter.isPending} onClick={run}>
          {exporter.isPending ? 'Exporting…' : toFile ? 'Export view…' : 'Download view'}
        </button>
      </div>
      <p className="status-line" role="status" data-testid="export-status">
        {exporter.isError
          ? ''
          : result
            ? result.path
              ? `Exported ${count(result.count)} events to ${result.path}.`
              : result.text !== null
                ? `Downloaded ${count(result.count)} events.`
                : 'Export cancelled.'
            : ''}
      </p>
      {exporter.isError ? <Banner level="error">{errorMessage(exporter.error)}</Banner> : null}
    </div>
  );
}

/**
 * Team data: supervisors import the JSONL exports agents send them. Duplicates (same event id) are
 * skipped, and a bad line is reported with its file and line number while the rest goes in.
 */
export function ImportControls() {
  const importer = useImport();
  const picker = useImportFromDialog();
  const [paths, setPaths] = useState('');
  // The latest outcome of either way in (dialog or typed paths); a cancelled dialog keeps it.
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const id = useId();
  const list = paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const busy = importer.isPending || picker.isPending;
  const settle = {
    onSuccess: (r: ImportResult | null) => {
      if (!r) return;
      setResult(r);
      setFailure(null);
    },
    onError: (e: unknown) => setFailure(e),
  };
  return (
    <form
      className="sup-actions__group"
      aria-label="Import events"
      onSubmit={(e) => {
        e.preventDefault();
        if (list.length) importer.mutate(list, settle);
      }}
    >
      <div className="sup-actions__row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => picker.mutate(undefined, settle)}
        >
          {picker.isPending ? 'Importing…' : 'Choose export files…'}
        </button>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          Or enter paths of exports (JSONL)
        </label>
        <textarea
          id={id}
          className="input sup-actions__paths"
          rows={2}
          value={paths}
          spellCheck={false}
          placeholder="/path/to/agent-export.jsonl"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setPaths(e.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>
          Full path of each file an agent exported, one per line.
        </p>
      </div>
      <div className="sup-actions__row">
        <button type="submit" className="button" disabled={!list.length || busy}>
          {importer.isPending ? 'Importing…' : 'Import'}
        </button>
      </div>
      {failure ? <Banner level="error">{errorMessage(failure)}</Banner> : null}
      {result ? (
        <div className="sup-import" role="status" data-testid="import-result">
          <p>
            Imported {count(result.imported)} · {count(result.duplicates)} already present ·{' '}
            {count(result.errorCount)} {result.errorCount === 1 ? 'line' : 'lines'} skipped
          </p>
          {result.errors.length ? (
            <ul className="sup-import__errors">
              {result.errors.slice(0, 50).map((e) => (
                <li key={`${e.file}:${e.line}`}>
                  <span className="sup-mono">
                    {e.file.split(/[\\/]/).pop()}:{e.line}
                  </span>{' '}
                  {e.message}
                </li>
              ))}
              {result.errorCount > 50 ? <li>…and {count(result.errorCount - 50)} more.</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
