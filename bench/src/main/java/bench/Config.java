package bench;

import java.nio.file.Path;

/**
 * Where things are. bench/run installs the Debian packages, extracts smtp-sink and
 * builds the jar, then passes the paths through the environment.
 *
 * @param jfr BENCH_JFR=1: the servers record JFR files into bench/target/jfr
 * @param pgStats BENCH_PG_STATS=1: statements of each measured operation into
 * bench/target/logs/pg-*.txt
 * @param warmupSeconds load on the HTTP path before the terminal-auth measurement
 * (BENCH_WARMUP, default 60)
 * @param wrkSeconds length of each measured wrk run (BENCH_WRK_SECONDS, default 15)
 */
record Config(Path repo, Path jar, String java, boolean jfr, boolean pgStats, Path smtpSink, Path postfixLibs, int warmupSeconds,
		int wrkSeconds) {

	static Config fromEnvironment() {
		Path repo = Path.of(env("BENCH_REPO", ".")).toAbsolutePath().normalize();
		Path postfix = Path.of(env("BENCH_POSTFIX_DIR", repo.resolve("bench/target/postfix").toString()));
		return new Config(repo, repo.resolve("target/pinwarden.jar"),
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "1".equals(env("BENCH_JFR", "0")),
				"1".equals(env("BENCH_PG_STATS", "0")),
				postfix.resolve("usr/sbin/smtp-sink"), postfix.resolve("usr/lib/postfix"),
				Integer.parseInt(env("BENCH_WARMUP", "60")), Integer.parseInt(env("BENCH_WRK_SECONDS", "15")));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
