// Errors raised by the Postgres connector, each with the SQLSTATE the client will see.
export class BackendError extends Error {
  constructor(
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}
