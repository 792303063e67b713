// Failure messages and stack traces can quote what a person typed (e.g. an address a mail server
// refused). With encodeCommonAttributes they travel in the failure's encoded attributes, a payload
// the codec encrypts, instead of in plain text. Loaded by path (DataConverter.failureConverterPath),
// because workflow code runs it inside the workflow bundle too.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
