import type { TandemEvent } from '../../shared/domain/events';

/**
 * Where the assist panel writes its record. The promise resolves only once the event is durably
 * stored (committed), so a caller that awaits it knows the supervisor will see it even if the app is
 * killed the next moment. Tests pass an in-memory sink.
 */
export interface EventSink {
  record(event: TandemEvent): Promise<void>;
}
