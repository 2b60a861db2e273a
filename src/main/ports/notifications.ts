/** Desktop notifications (a corrupt file moved aside, a shortcut the OS refused). */
export interface NotificationPort {
  notify(title: string, body: string): void;
}

/** Records notifications so tests can assert on what the user was told. */
export class RecordingNotifications implements NotificationPort {
  readonly sent: { title: string; body: string }[] = [];
  notify(title: string, body: string): void {
    this.sent.push({ title, body });
  }
}
