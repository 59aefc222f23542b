package dev.pinwarden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the SQL of every module to the tables it owns ({@link OwnedTable} on its
 * {@code package-info}): each table of the migrations has one owner, a module writes only
 * its own tables, and reads another's only where the owner lists it in {@code readBy}.
 * The SQL is found in the string literals of the module's sources, and in the table names
 * it hands to {@code BulkInsert} and {@code GrowingTable}.
 */
class TableOwnershipTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/pinwarden");

	private static final Pattern WRITE = Pattern
		.compile("\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?|analyze)\\s+(\\w+)");

	private static final Pattern READ = Pattern.compile("\\b(?:from|join|exists)\\s+(\\w+)");

	private static final Pattern HELPER_WRITE = Pattern
		.compile("(?:\\.insert\\(|GrowingTable\\.of\\([^;]*?)\\s*\"(\\w+)\"");

	@Test
	void everyTableHasOneOwner() {
		Map<String, List<String>> owners = new TreeMap<>();
		for (String table : tables()) {
			owners.put(table, new ArrayList<>());
		}
		declarations().forEach((module,
				declared) -> declared.forEach((table) -> owners
					.computeIfAbsent(table.value(), (unknown) -> new ArrayList<>(List.of("(no such table)")))
					.add(module)));
		assertThat(owners).allSatisfy((table, modules) -> assertThat(modules).as("owners of table %s", table)
			.hasSize(1)
			.doesNotContain("(no such table)"));
	}

	@Test
	void modulesWriteOnlyTheirOwnTablesAndReadOnlyWhatTheyMay() {
		List<String> violations = violations(SOURCES, declarations(), tables());
		assertThat(violations).isEmpty();
	}

	@Test
	void aModuleWritingAnotherModulesTableIsCaught(@org.junit.jupiter.api.io.TempDir Path sources) throws IOException {
		Files.createDirectories(sources.resolve("mail"));
		Files.writeString(sources.resolve("mail/Sneaky.java"), """
				class Sneaky {
					// update pin set digest = ? in a comment is no SQL
					String sql = "update pin set digest = ? where user_id = ?";
					String read = \"""
						select p.digest
						from pin p join app_user u on u.id = p.user_id
						\""";
					void load() { bulk.insert("staged_pin", columns, rows); }
				}
				""");
		Map<String, List<OwnedTable>> declared = Map.of("pin", List.of(owned("pin", "mail"), owned("staged_pin")),
				"user", List.of(owned("app_user")));
		assertThat(violations(sources, declared, Set.of("pin", "staged_pin", "app_user"))).containsExactlyInAnyOrder(
				"mail/Sneaky.java writes pin, owned by pin", "mail/Sneaky.java writes staged_pin, owned by pin",
				"mail/Sneaky.java reads app_user, owned by user, which does not publish it to mail");
	}

	private static List<String> violations(Path sources, Map<String, List<OwnedTable>> declared, Set<String> tables) {
		Map<String, String> ownerOf = new TreeMap<>();
		Map<String, Set<String>> readers = new TreeMap<>();
		declared.forEach((module, owned) -> owned.forEach((table) -> {
			ownerOf.put(table.value(), module);
			readers.put(table.value(), Set.of(table.readBy()));
		}));
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).sorted().toList()) {
				Path relative = sources.relativize(file);
				String module = (relative.getNameCount() == 1) ? "(root)" : relative.getName(0).toString();
				String code = withoutComments(Files.readString(file));
				Set<String> written = new TreeSet<>();
				Set<String> read = new TreeSet<>();
				find(HELPER_WRITE, code, tables, written);
				for (String literal : stringLiterals(code)) {
					String sql = literal.toLowerCase(Locale.ROOT);
					find(WRITE, sql, tables, written);
					find(READ, sql, tables, read);
				}
				read.removeAll(written);
				String where = relative.toString().replace('\\', '/');
				for (String table : written) {
					String owner = ownerOf.getOrDefault(table, "nobody");
					if (!owner.equals(module)) {
						violations.add(where + " writes " + table + ", owned by " + owner);
					}
				}
				for (String table : read) {
					String owner = ownerOf.getOrDefault(table, "nobody");
					if (!owner.equals(module) && !readers.getOrDefault(table, Set.of()).contains(module)) {
						violations.add(where + " reads " + table + ", owned by " + owner
								+ ", which does not publish it to " + module);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return violations;
	}

	private static void find(Pattern pattern, String text, Set<String> tables, Set<String> found) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			if (tables.contains(matcher.group(1))) {
				found.add(matcher.group(1));
			}
		}
	}

	/** The source with its comments blanked, string and character literals kept. */
	static String withoutComments(String source) {
		StringBuilder code = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				int end = source.indexOf('\n', i);
				i = (end < 0) ? source.length() : end;
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				i = (end < 0) ? source.length() : end + 2;
				code.append(' ');
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				int end = endOfLiteral(source, i);
				code.append(source, i, end);
				i = end;
			}
			else {
				code.append(source.charAt(i++));
			}
		}
		return code.toString();
	}

	/** The contents of the string literals and text blocks of code without comments. */
	static List<String> stringLiterals(String code) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < code.length()) {
			char c = code.charAt(i);
			if (c == '"' || c == '\'') {
				int end = endOfLiteral(code, i);
				if (c == '"') {
					int quotes = code.startsWith("\"\"\"", i) ? 3 : 1;
					literals.add(code.substring(i + quotes, end - quotes));
				}
				i = end;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	/** Where the literal that starts at {@code start} ends (after its closing quotes). */
	private static int endOfLiteral(String code, int start) {
		String quote = code.startsWith("\"\"\"", start) ? "\"\"\"" : String.valueOf(code.charAt(start));
		int i = start + quote.length();
		while (i < code.length() && !code.startsWith(quote, i)) {
			i += (code.charAt(i) == '\\') ? 2 : 1;
		}
		return Math.min(i + quote.length(), code.length());
	}

	private static Map<String, List<OwnedTable>> declarations() {
		Map<String, List<OwnedTable>> declared = new TreeMap<>();
		try (Stream<Path> modules = Files.list(SOURCES)) {
			for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
				String name = module.getFileName().toString();
				Package pkg = packageInfo("dev.pinwarden." + name).getPackage();
				declared.put(name, Arrays.asList(pkg.getAnnotationsByType(OwnedTable.class)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return declared;
	}

	private static Class<?> packageInfo(String pkg) {
		try {
			return Class.forName(pkg + ".package-info");
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError("module " + pkg + " has no package-info.java", ex);
		}
	}

	private static Set<String> tables() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:table-ownership;DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).load().migrate();
		return new TreeSet<>(JdbcClient.create(dataSource)
			.sql("select lower(table_name) from information_schema.tables where table_schema = 'PUBLIC'"
					+ " and table_type = 'BASE TABLE' and lower(table_name) <> 'flyway_schema_history'")
			.query(String.class)
			.list());
	}

	private static OwnedTable owned(String table, String... readBy) {
		return new OwnedTable() {

			@Override
			public String value() {
				return table;
			}

			@Override
			public String[] readBy() {
				return readBy;
			}

			@Override
			public Class<? extends java.lang.annotation.Annotation> annotationType() {
				return OwnedTable.class;
			}

		};
	}

}
