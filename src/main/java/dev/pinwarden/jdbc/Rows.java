package dev.pinwarden.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads a column of a result row, and binds an instant, the one way that works on H2 and
 * PostgreSQL alike.
 */
public final class Rows {

	private Rows() {
	}

	/**
	 * A {@code timestamp with time zone} column as an instant, or {@code null}: read as
	 * an {@link OffsetDateTime}, which both drivers give without the JVM's time zone.
	 */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** The same, by the column's position (from 1). */
	public static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * An instant as a statement parameter, typed {@code timestamp with time zone}.
	 * PostgreSQL's driver sends a {@link java.sql.Timestamp} without a type; a statement
	 * with such a parameter is described by the server once prepared, and the driver then
	 * sends a Sync before each of its runs that returns text columns (pgjdbc 42.7's
	 * {@code flushIfDeadlockRisk}): a second round trip on every call.
	 */
	public static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
