package dev.pinwarden.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads a column of a result row the one way that works on H2 and PostgreSQL alike.
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

}
