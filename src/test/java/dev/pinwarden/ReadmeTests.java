package dev.pinwarden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.pinwarden.support.DocText;
import dev.pinwarden.support.InJvmServer;
import dev.pinwarden.support.TestSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "A first ten minutes", run as written: the server started with the
 * environment of its first block (in this JVM, on a free port, its mail server this
 * test's), then its second block run by bash against it. What an admin would notice is
 * checked: the terminal accepted Alice's PIN, and Alice's mail carries that PIN.
 */
class ReadmeTests {

	private static final Pattern ASSIGNMENT = Pattern.compile("(PINWARDEN_\\w+)=('([^']*)'|(\\S+))");

	@Test
	void theFirstTenMinutesWorkAsWritten() throws Exception {
		List<String> blocks = DocText.shBlocks(DocText.section(DocText.read("README.md"), "## A first ten minutes"));
		assertThat(blocks).hasSize(2);
		Map<String, String> environment = environment(blocks.get(0));
		assertThat(environment).containsKeys("PINWARDEN_ADMIN_PASSWORD", "PINWARDEN_SMTP_HOST");

		TestSmtpServer smtp = TestSmtpServer.start();
		Map<String, String> properties = new LinkedHashMap<>(environment);
		properties.put("PINWARDEN_SMTP_HOST", "127.0.0.1");
		properties.put("PINWARDEN_SMTP_PORT", String.valueOf(smtp.properties().get("pinwarden.mail.smtp-port")));
		properties.put("PINWARDEN_DATA_DIR", Files.createTempDirectory("pinwarden-readme-").toString());
		try (ConfigurableApplicationContext server = InJvmServer.start(properties)) {
			int port = InJvmServer.port(server);
			String output = bash(blocks.get(1).replace("localhost:8080", "localhost:" + port));

			Matcher pin = Pattern.compile("Alice's PIN: (\\d+)").matcher(output);
			assertThat(pin.find()).as("the script's output:%n%s", output).isTrue();
			assertThat(pin.group(1)).hasSize(6);
			assertThat(output).contains("\"username\":\"alice\"").contains("\"credential\":\"pin\"");
			assertThat(smtp.awaitPinMailedTo("alice@example.org")).isEqualTo(pin.group(1));
		}
		finally {
			smtp.stop();
		}
	}

	private static Map<String, String> environment(String command) {
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher matcher = ASSIGNMENT.matcher(command);
		while (matcher.find()) {
			environment.put(matcher.group(1), (matcher.group(3) != null) ? matcher.group(3) : matcher.group(4));
		}
		return environment;
	}

	private static String bash(String script) throws Exception {
		Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("the script's exit status; its output:%n%s", output).isZero();
		return output;
	}

}
