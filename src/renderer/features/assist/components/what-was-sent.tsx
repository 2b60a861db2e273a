import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LlmRequestRecordPayload } from '../../../../shared/contract/llm';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';

const lastRequestKey = ['llm', 'last-request'] as const;
const MAX_FINISHED = 10;

/** One finished request as the transparency view lists it. */
export interface FinishedRequest {
  requestKey: string;
  ok: boolean;
  model: string;
  latencyMs: number;
  firstTokenMs: number | null;
  totalTokens: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error: string | null;
}

/**
 * The last request's payload plus usage and latency of each request since the panel opened. Main
 * pushes one finish event per request; the payload is re-read then, so the view never polls.
 */
function useLlmTransparency(): {
  record: LlmRequestRecordPayload | null;
  finished: FinishedRequest[];
  error: string | null;
} {
  const client = useQueryClient();
  const [finished, setFinished] = useState<FinishedRequest[]>([]);
  const query = useQuery({
    queryKey: lastRequestKey,
    queryFn: async () => unwrap(await tandem().getLastLlmRequest()),
  });
  useEffect(() => {
    const api = tandem();
    const refresh = () => void client.invalidateQueries({ queryKey: lastRequestKey });
    const offs = [
      api.onDidFinishLlmRequest((f) => {
        setFinished((list) =>
          [
            {
              requestKey: f.requestKey,
              ok: f.ok,
              model: f.model,
              latencyMs: f.latencyMs,
              firstTokenMs: f.firstTokenMs,
              totalTokens: f.usage?.totalTokens ?? null,
              promptTokens: f.usage?.promptTokens ?? null,
              completionTokens: f.usage?.completionTokens ?? null,
              error: f.error?.message ?? null,
            },
            ...list.filter((x) => x.requestKey !== f.requestKey),
          ].slice(0, MAX_FINISHED),
        );
        refresh();
      }),
      // A new request starts with the first streamed piece; show its payload while it streams.
      api.onDidStreamSuggestion((s) => {
        const current = client.getQueryData<LlmRequestRecordPayload | null>(lastRequestKey);
        if (current?.requestKey !== s.requestKey) refresh();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);
  return {
    record: query.data ?? null,
    finished,
    error: query.isError ? errorMessage(query.error) : null,
  };
}

/** Long bodies wrap and scroll inside the panel (the assist stylesheet belongs to the panel's owner). */
const preStyle = {
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  maxHeight: '16rem',
  overflow: 'auto',
  fontSize: '0.8rem',
} as const;

const ms = (v: number | null): string => (v === null ? '—' : `${Math.round(v)} ms`);

/**
 * "What was sent": the exact body of the last model request (already redacted in main), shown as plain
 * text so nothing in it can act as markup, with token usage and latency per request.
 */
export function WhatWasSent() {
  const { record, finished, error } = useLlmTransparency();
  if (!record && finished.length === 0 && !error) return null;
  return (
    <details className="what-was-sent" data-testid="what-was-sent">
      <summary>What was sent to the model</summary>
      {error ? <p className="text-error">The last request could not be read: {error}</p> : null}
      {record ? (
        <>
          <dl className="what-was-sent__facts">
            <dt>Model</dt>
            <dd data-testid="sent-model">{record.model}</dd>
            <dt>Server</dt>
            <dd>{record.endpoint}</dd>
            <dt>State</dt>
            <dd>
              {record.state}
              {record.error ? ` — ${record.error.message}` : ''}
            </dd>
            <dt>Tokens</dt>
            <dd>
              {record.usage
                ? `${record.usage.promptTokens} in, ${record.usage.completionTokens} out, ${record.usage.totalTokens} total`
                : 'not reported'}
            </dd>
            <dt>Time</dt>
            <dd>
              first token {ms(record.firstTokenMs)}, total {ms(record.latencyMs)}
              {record.attempts > 1 ? `, ${record.attempts} attempts` : ''}
            </dd>
          </dl>
          <h4 className="what-was-sent__title">Context</h4>
          <pre className="what-was-sent__pre" style={preStyle} data-testid="sent-context">
            {JSON.stringify(record.context, null, 2)}
          </pre>
          <h4 className="what-was-sent__title">Request body</h4>
          <pre className="what-was-sent__pre" style={preStyle} data-testid="sent-body" tabIndex={0}>
            {JSON.stringify(record.body, null, 2)}
          </pre>
        </>
      ) : null}
      {finished.length > 0 ? (
        <table className="what-was-sent__requests" data-testid="sent-requests">
          <caption>Requests since this window opened</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Result</th>
              <th scope="col">First token</th>
              <th scope="col">Total</th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {finished.map((f) => (
              <tr key={f.requestKey}>
                <td>{f.model}</td>
                <td>{f.ok ? 'ok' : (f.error ?? 'failed')}</td>
                <td>{ms(f.firstTokenMs)}</td>
                <td>{ms(f.latencyMs)}</td>
                <td>
                  {f.totalTokens === null
                    ? '—'
                    : `${f.promptTokens} + ${f.completionTokens} = ${f.totalTokens}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </details>
  );
}
