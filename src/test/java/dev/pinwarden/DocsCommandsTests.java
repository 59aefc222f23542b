package dev.pinwarden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import dev.pinwarden.support.DocText;
import dev.pinwarden.support.InJvmServer;
import dev.pinwarden.support.TestSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sh} examples of the guides in {@code docs/}, run as written, in the order in
 * which they build on each other, by bash against a server started for them: every
 * {@code curl} must get the status its {@code # ->} comment gives, or a success where the
 * comment gives none. A guide whose example drifts from the API fails here.
 */
class DocsCommandsTests {

	private static final List<String> GUIDES = List.of("api.md", "cards.md", "sync.md", "jobs.md", "security.md");

	private static final String ADMIN_PASSWORD = "docs-admin-password";

	private static final Pattern CURL = Pattern.compile("(?:^|[$(|;&]\\s*)curl\\s");

	private static final Pattern EXPECTED = Pattern.compile("#\\s*->\\s*(\\d{3})\\b");

	@Test
	void everyCurlOfTheGuidesGetsTheAnswerItsCommentGives(@TempDir Path workDir) throws Exception {
		List<String> commands = new ArrayList<>();
		for (String guide : GUIDES) {
			commands.addAll(commands(DocText.read("docs/" + guide)));
		}
		List<String> expected = new ArrayList<>();
		for (String command : commands) {
			Matcher code = EXPECTED.matcher(command);
			String status = code.find() ? code.group(1) : "2xx";
			Matcher curl = CURL.matcher(command);
			while (curl.find()) {
				expected.add(status + " from: " + command.strip().lines().findFirst().orElse(""));
			}
		}
		assertThat(expected).hasSizeGreaterThan(20);

		TestSmtpServer smtp = TestSmtpServer.start();
		Map<String, Object> properties = new HashMap<>(smtp.properties());
		properties.put("pinwarden.data-dir", workDir.resolve("data").toString());
		properties.put("pinwarden.auth.admin-password", ADMIN_PASSWORD);
		try (ConfigurableApplicationContext server = InJvmServer.start(properties)) {
			int port = InJvmServer.port(server);
			String script = "curl() { command curl -sS -w '%{stderr}%{http_code}\\n' \"$@\"; }\n"
					+ String.join("\n", commands).replace("localhost:8080", "localhost:" + port);
			List<String> statuses = run(script, workDir).lines().filter((line) -> line.matches("\\d{3}")).toList();

			assertThat(statuses).as("one status per curl of the guides").hasSameSizeAs(expected);
			for (int i = 0; i < statuses.size(); i++) {
				String want = expected.get(i);
				String got = statuses.get(i);
				if (want.startsWith("2xx")) {
					assertThat(got).as(want).startsWith("2");
				}
				else {
					assertThat(got).as(want).isEqualTo(want.substring(0, 3));
				}
			}
			assertThat(workDir.resolve("letters.pdf")).content(StandardCharsets.ISO_8859_1).startsWith("%PDF");
		}
		finally {
			smtp.stop();
		}
	}

	/** The commands of the guide's sh blocks, a command continued over lines as one. */
	static List<String> commands(String guide) {
		List<String> commands = new ArrayList<>();
		for (String block : DocText.shBlocks(guide)) {
			StringBuilder command = new StringBuilder();
			for (String line : block.split("\n")) {
				command.append(line).append('\n');
				String code = line.replaceAll("\\s+#.*$", "").stripTrailing();
				if (!code.endsWith("\\") && !code.endsWith("|")) {
					commands.add(command.toString());
					command.setLength(0);
				}
			}
		}
		return commands;
	}

	/** Runs the script in bash; its standard error, where the statuses go. */
	private static String run(String script, Path workDir) throws IOException, InterruptedException {
		Path out = workDir.resolve("stdout.txt");
		Path err = workDir.resolve("stderr.txt");
		ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
			.directory(workDir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().put("PINWARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String errors = Files.readString(err);
		assertThat(process.exitValue())
			.as("the script's exit status; its output:%n%s%n%s", Files.readString(out), errors)
			.isZero();
		return errors;
	}

}
