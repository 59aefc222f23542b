package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The results table with what it was measured on. */
final class Report {

	private Report() {
	}

	static String write(Path file, List<Row> rows, Config config) throws IOException, InterruptedException {
		StringBuilder out = new StringBuilder("# Pinwarden benchmark results\n\n");
		String whole = System.getenv("BENCH_STARTED_EPOCH");
		String duration = "";
		if (whole != null && !whole.isBlank()) {
			long seconds = System.currentTimeMillis() / 1000 - Long.parseLong(whole.strip());
			duration = String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		out.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
		out.append("- machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores (")
			.append(cpuModel())
			.append("), ")
			.append(memoryGiB())
			.append(" GiB memory\n");
		out.append("- java: ").append(javaVersion(config)).append('\n');
		out.append("- command: `").append(System.getenv().getOrDefault("BENCH_COMMAND", "bench/run")).append("`");
		if (config.jfr()) {
			out.append(" with BENCH_JFR=1 (JFR recording: figures are a little slower)");
		}
		out.append('\n');
		if (!duration.isEmpty()) {
			out.append("- whole run, build included: ").append(duration).append('\n');
		}
		out.append("""
				- PostgreSQL 18 from the embedded binaries (zonky), fsync and synchronous_commit off as in the tests,
				  shared_buffers 1GB, max_wal_size 8GB;
				  every baseline was measured in the same run on the same machine.
				- Noise: 2 cores shared by the server, the load generator, PostgreSQL and whatever else runs on the
				  machine; compare ratios, not absolute figures.

				| workload | measured | baseline | ratio | target | met? |
				|---|---|---|---|---|---|
				""");
		for (Row row : rows) {
			out.append("| ")
				.append(String.join(" | ", row.workload(), row.measured(), row.baseline(), row.ratio(), row.target(),
						row.metText()))
				.append(" |\n");
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
		return out.toString();
	}

	private static String cpuModel() throws IOException {
		return Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown CPU");
	}

	private static long memoryGiB() throws IOException {
		return Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.map((kib) -> Math.round(kib / 1024.0 / 1024.0))
			.orElse(0L);
	}

	private static String javaVersion(Config config) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(config.java(), "-version").redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes()).strip();
		process.waitFor();
		return String.join("; ", text.lines().toList());
	}

}
