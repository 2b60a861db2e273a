import type { CallName } from '../../../shared/ipc/api';
import type { CallHandler } from '../../ipc/router';

/**
 * The handlers one feature serves: exactly the calls of its contract file, so each feature file is
 * checked against its own slice and `create-app-core` only has to spread them together.
 */
export type FeatureHandlers<T> = { [K in keyof T & CallName]: CallHandler<K> };
