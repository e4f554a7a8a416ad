/**
 * The backup writer's worker (backupWriterPort.ts): writes and compresses the lines of a backup the page reads.
 * Started with `new Worker(backupWorkerUrl, { type: 'module' })` by backupOutput.ts.
 */
import { serveBackupWriter, type WriterPort, type WriterReply, type WriterRequest } from './backupWriterPort.ts';

serveBackupWriter(self as unknown as WriterPort<WriterReply, WriterRequest>);
