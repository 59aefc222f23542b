/**
 * Mass work as jobs: a sync or a regeneration started with {@code Prefer: respond-async}
 * runs on a worker thread of the node that received it, while its progress (phase, done,
 * total), outcome and result are kept in the {@code job} table, so that any node answers
 * for any job and a cancel sent to any node stops it. Its node renews the job's lease; a
 * job whose lease ran out is marked failed by any node, and the staged input a killed
 * process left is deleted at the next start on its machine. It is not a scheduler: it
 * runs what a caller hands it, and knows nothing of what the work is. It depends on the
 * shared kernel and {@code jdbc} only; the sync and user modules start jobs, and the work
 * reports through the kernel's {@link dev.pinwarden.JobProgress}, so that {@code pin}
 * need not know this module.
 */
@OwnedTable("job")
@ApplicationModule(allowedDependencies = { "jdbc" })
package dev.pinwarden.job;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
