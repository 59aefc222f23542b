package dev.pinwarden.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.pinwarden.InvalidInputException;
import dev.pinwarden.user.NewUser;
import dev.pinwarden.user.SyncedUser;

/**
 * Users from a CSV file (RFC 4180: quoted fields, commas and line breaks inside quotes),
 * UTF-8 with or without a byte-order mark. The header names the columns: {@code username}
 * is required; {@code fullName}, {@code email}, {@code pin} (a PIN to import),
 * {@code active} (true/false, yes/no, 1/0), {@code cards} (card numbers, several
 * comma-separated in one quoted field) and {@code externalId} (the person's stable id in
 * the system the file comes from, which finds a renamed user) are optional; any other
 * column is refused, since a misspelt one would silently drop its values. Lines are
 * numbered as in the file, the header being line 1.
 */
class CsvUserSource implements UserSource {

	private static final Set<String> COLUMNS = Set.of("username", "fullname", "email", "pin", "active", "cards",
			"externalid");

	private static final String KNOWN = "username, fullName, email, pin, active, cards, externalId";

	private final InputStream body;

	private final Long expectedRecords;

	CsvUserSource(InputStream body) {
		this(body, null);
	}

	CsvUserSource(InputStream body, Long expectedRecords) {
		this.body = body;
		this.expectedRecords = expectedRecords;
	}

	@Override
	public Long expectedRecords() {
		return this.expectedRecords;
	}

	@Override
	public void read(Consumer<SourceRecord> records) {
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.setAllowMissingColumnNames(false)
			.get();
		try (CSVParser parser = CSVParser.parse(reader(), format)) {
			Map<String, String> columns = columns(parser.getHeaderNames());
			long previousEnd = 1;
			for (CSVRecord record : parser) {
				long line = previousEnd + 1;
				previousEnd = parser.getCurrentLineNumber();
				records.accept(toRecord(record, line, columns));
			}
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw notCsv(ex);
		}
		catch (IOException ex) {
			throw notCsv(ex);
		}
		catch (IllegalArgumentException ex) {
			throw new SyncSourceException("csv_invalid", "The CSV header is not valid: " + ex.getMessage());
		}
	}

	private static SyncSourceException notCsv(Exception ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof CharacterCodingException) {
			return new SyncSourceException("csv_invalid", "The file is not valid UTF-8 text; nothing was changed");
		}
		return new SyncSourceException("csv_invalid",
				"The file is not valid CSV (" + cause.getMessage() + "); nothing was changed");
	}

	/** Maps the file's column names to ours, case-insensitively; refuses unknown ones. */
	private static Map<String, String> columns(List<String> header) {
		Map<String, String> columns = new java.util.HashMap<>();
		List<String> unknown = new ArrayList<>();
		for (String name : header) {
			String key = name.strip().toLowerCase(Locale.ROOT);
			if (COLUMNS.contains(key)) {
				columns.put(key, name);
			}
			else {
				unknown.add(name);
			}
		}
		if (!columns.containsKey("username")) {
			throw new SyncSourceException("csv_invalid",
					"The first line must be a header naming the columns, with at least 'username' " + "(known columns: "
							+ KNOWN + "); nothing was changed");
		}
		if (!unknown.isEmpty()) {
			throw new SyncSourceException("csv_invalid", "Unknown column(s) " + unknown
					+ " in the header; known columns are " + KNOWN + "; nothing was changed");
		}
		return columns;
	}

	private static SourceRecord toRecord(CSVRecord record, long line, Map<String, String> columns) {
		if (!record.isConsistent()) {
			return new SourceRecord.Rejected(line,
					"expected " + columns.size() + " fields as in the header, found " + record.size());
		}
		try {
			String pin = value(record, columns, "pin");
			NewUser user = new NewUser(value(record, columns, "username"), value(record, columns, "fullname"),
					value(record, columns, "email"), (pin == null || pin.isEmpty()) ? null : pin);
			return new SourceRecord.User(new SyncedUser(line, user, active(value(record, columns, "active")),
					cards(record, columns), value(record, columns, "externalid")));
		}
		catch (InvalidInputException ex) {
			return new SourceRecord.Rejected(line, ex.getMessage());
		}
	}

	private static String value(CSVRecord record, Map<String, String> columns, String column) {
		String name = columns.get(column);
		return (name != null) ? record.get(name) : null;
	}

	/**
	 * The card numbers of a {@code cards} field: several, comma-separated in one quoted
	 * field, as MyQ's CSV has them.
	 */
	private static List<String> cards(CSVRecord record, Map<String, String> columns) {
		String field = value(record, columns, "cards");
		if (field == null) {
			return null;
		}
		return java.util.Arrays.stream(field.split(",")).map(String::strip).filter((card) -> !card.isEmpty()).toList();
	}

	private static Boolean active(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1", "y" -> true;
			case "false", "no", "0", "n" -> false;
			// not the value itself: in a misaligned file it may be a PIN
			default -> throw new InvalidInputException("active", "active must be true or false, yes or no, 1 or 0");
		};
	}

	/**
	 * Strict UTF-8, without the byte-order mark some spreadsheet programs write first.
	 */
	private Reader reader() throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(this.body,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		return reader;
	}

}
