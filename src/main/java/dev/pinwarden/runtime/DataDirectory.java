package dev.pinwarden.runtime;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the data directory ({@code PINWARDEN_DATA_DIR}) absolute, against the directory
 * the server was started in, before anything reads it: H2 refuses a database file path
 * like {@code data/pinwarden} that is relative without a leading {@code ./}, and an admin
 * who writes {@code PINWARDEN_DATA_DIR=data} means the folder beside them.
 */
class DataDirectory implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "pinwarden.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String directory = environment.getProperty(PROPERTY);
		if (directory == null || directory.isBlank()) {
			return;
		}
		Path absolute = Path.of(directory.strip()).toAbsolutePath().normalize();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("pinwarden-data-directory", Map.of(PROPERTY, absolute.toString())));
	}

	/** After the configuration files are read, where the default comes from. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
