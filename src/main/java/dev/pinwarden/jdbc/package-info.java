/**
 * Database plumbing that several modules share and none owns the meaning of: loading many
 * rows at once ({@link dev.pinwarden.jdbc.BulkInsert}), keeping PostgreSQL's plans right
 * while one transaction fills a table ({@link dev.pinwarden.jdbc.GrowingTable}), and the
 * named locks that keep mass work and PIN writes from running over each other on any node
 * ({@link dev.pinwarden.jdbc.JobLocks}, over {@code job_lock}, with the order in which
 * every transaction takes its locks). It knows no feature and depends on no other module;
 * any module may use it.
 */
@OwnedTable("job_lock")
@ApplicationModule(allowedDependencies = {})
package dev.pinwarden.jdbc;

import dev.pinwarden.OwnedTable;
import org.springframework.modulith.ApplicationModule;
