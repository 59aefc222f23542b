package dev.pinwarden.runtime;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTests {

	@Test
	void aRelativeDataDirectoryIsTheFolderTheServerStartedIn() {
		StandardEnvironment environment = environment("data");

		new DataDirectory().postProcessEnvironment(environment, new SpringApplication());

		Path expected = Path.of("").toAbsolutePath().resolve("data");
		assertThat(environment.getProperty("pinwarden.data-dir")).isEqualTo(expected.toString());
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:" + expected + "/pinwarden");
	}

	@Test
	void anAbsoluteDataDirectoryStaysAsItIs() {
		StandardEnvironment environment = environment("/var/lib/pinwarden/");

		new DataDirectory().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("pinwarden.data-dir")).isEqualTo("/var/lib/pinwarden");
	}

	private static StandardEnvironment environment(String dataDirectory) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("test", Map.of("pinwarden.data-dir", dataDirectory, "spring.datasource.url",
					"jdbc:h2:file:${pinwarden.data-dir}/pinwarden")));
		return environment;
	}

}
