package dev.pinwarden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pinwarden.support.ServerProcesses;
import dev.pinwarden.support.TestApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment that docs/operations.md describes: the folder {@code target/pinwarden}
 * copied elsewhere, its class data sharing archive made again there with the command the
 * guide gives, and the server started from the copy as the guide starts it, with
 * {@code -Xshare:on}, which fails the start if the new archive cannot be used.
 */
class DeployedCopyIT {

	private final ServerProcesses servers = new ServerProcesses();

	@AfterEach
	void stop() throws InterruptedException {
		this.servers.close();
	}

	@Test
	void aCopyArchivedAgainAsTheGuideSaysStartsOnItsArchive(@TempDir Path site) throws Exception {
		List<String> guide = Files.readAllLines(Path.of("docs/operations.md"), StandardCharsets.UTF_8);
		String command = guide.stream()
			.filter((line) -> line.startsWith("java -XX:ArchiveClassesAtExit="))
			.findFirst()
			.orElseThrow();
		String start = guide.stream()
			.filter((line) -> line.startsWith("java -XX:SharedArchiveFile=pinwarden/"))
			.findFirst()
			.orElseThrow();
		copy(Path.of(System.getProperty("pinwarden.extracted")), site.resolve("pinwarden"));
		Files.delete(site.resolve("pinwarden/pinwarden.jsa"));
		Path data = site.resolve("data");

		ProcessBuilder training = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).directory(site.toFile())
			.redirectErrorStream(true)
			.redirectOutput(site.resolve("training.log").toFile());
		Path javaBin = Path.of(System.getProperty("java.home"), "bin");
		training.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
		training.environment().put("PINWARDEN_DATA_DIR", data.toString());
		training.environment().put("PINWARDEN_ADMIN_PASSWORD", TestApi.ADMIN_PASSWORD);
		training.environment().put("SERVER_PORT", String.valueOf(ServerProcesses.freePort()));
		Process process = training.start();
		try {
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the training start ends by itself").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		assertThat(process.exitValue()).as("its log:%n%s", Files.readString(site.resolve("training.log"))).isZero();
		assertThat(site.resolve("pinwarden/pinwarden.jsa")).isNotEmptyFile();

		List<String> arguments = new ArrayList<>(List.of("-Xshare:on"));
		arguments.addAll(List.of(start.substring("java ".length()).split(" ")));
		// the data directory as an admin writes it, relative to the site's folder
		ServerProcesses.Server server = this.servers.start(arguments, Map.of(), Map.of("PINWARDEN_DATA_DIR", "data"),
				site);
		assertThat(server.admin().get("/api/v1/settings/pin").status()).isEqualTo(200);
		assertThat(server.logText()).doesNotContain("Unable to use shared archive");
		assertThat(data.resolve("pinwarden.mv.db")).isNotEmptyFile();
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			files.forEach((file) -> {
				try {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
