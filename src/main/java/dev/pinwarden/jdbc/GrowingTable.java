package dev.pinwarden.jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps PostgreSQL planning right for a table that one long transaction fills, such as a
 * first sync of 100,000 users into a new installation (bench/README.md has what it
 * saves). Otherwise, while the table grows, lookups of a batch by key are planned as
 * scans of the whole table, once per batch, and the sync's time grows with the square of
 * its size. Two causes, two remedies:
 * <ul>
 * <li>A statement run many times keeps the plan made while the table was small. The
 * transaction plans each statement anew ({@code plan_cache_mode = force_custom_plan}),
 * which costs far less than one scan too many.</li>
 * <li>A plan sizes the table by its last {@code ANALYZE}, and autovacuum cannot count
 * rows that are not committed yet, so the whole table is scanned where its index would
 * do. {@code ANALYZE} in the same transaction sees its own rows.</li>
 * </ul>
 * {@code ANALYZE} runs once the rows added reach the table's size at the start (at least
 * {@value #FIRST_ANALYZE} rows), then each time they double, and once more when the
 * filling is done if a tenth of the table is new since: a few sampling passes per run.
 * {@code SKIP_LOCKED}: should another transaction be analysing the table, the sync does
 * not wait for it. Nothing to do on H2.
 */
public final class GrowingTable {

	static final long FIRST_ANALYZE = 10_000;

	private final JdbcClient jdbc;

	private final String table;

	private final long startRows;

	private long added;

	private long addedAtLastAnalyze;

	private long nextAnalyze;

	private GrowingTable(JdbcClient jdbc, String table, long startRows) {
		this.jdbc = jdbc;
		this.table = table;
		this.startRows = startRows;
		this.nextAnalyze = Math.max(FIRST_ANALYZE, startRows);
	}

	/**
	 * A table about to grow in the current transaction; {@code table} is a constant of
	 * the caller, never input.
	 */
	public static GrowingTable of(JdbcClient jdbc, BulkInsert bulk, String table) {
		if (!bulk.isPostgres()) {
			return new GrowingTable(null, table, 0);
		}
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		// -1 when never analysed
		double rows = jdbc.sql("select reltuples from pg_class where oid = cast(:table as regclass)")
			.param("table", table)
			.query(Double.class)
			.optional()
			.orElse(0.0);
		return new GrowingTable(jdbc, table, Math.max(0, (long) rows));
	}

	/** {@code rows} were added; analyses the table when they make a difference. */
	public void added(long rows) {
		if (this.jdbc == null || rows <= 0) {
			return;
		}
		this.added += rows;
		if (this.added >= this.nextAnalyze) {
			analyze();
		}
	}

	/**
	 * Before the lookups that follow a filling phase: analyses the table if the rows
	 * added since the last time are a tenth of it or more (a sync that changed a few
	 * users of a large table leaves it alone).
	 */
	public void settled() {
		long since = this.added - this.addedAtLastAnalyze;
		if (this.jdbc != null && since > 0 && since >= Math.max(1_000, (this.startRows + this.added) / 10)) {
			analyze();
		}
	}

	private void analyze() {
		this.jdbc.sql("analyze (skip_locked) " + this.table).update();
		this.addedAtLastAnalyze = this.added;
		this.nextAnalyze = Math.max(this.nextAnalyze, 2 * this.added);
	}

}
