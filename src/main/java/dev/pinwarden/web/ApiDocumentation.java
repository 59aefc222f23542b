package dev.pinwarden.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (browsable at
 * {@code /swagger-ui/index.html}). Which credentials a path takes is said here, by path,
 * rather than by annotations spread over the modules' controllers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String ADMIN = "admin";

	private static final String USER = "user";

	private static final String TERMINAL = "terminal";

	private static final String SCIM = "scim";

	@Bean
	OpenAPI pinwardenOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Pinwarden API")
				.version("v1")
				.description("PINs for print management: admin API (HTTP Basic as an administrator), "
						+ "terminal API (bearer token of a registered terminal), user self-service "
						+ "(HTTP Basic with username and PIN) and SCIM 2.0 (bearer SCIM token)."))
			.components(new Components()
				.addSecuritySchemes(ADMIN, http("basic", "An administrator's username and password"))
				.addSecuritySchemes(USER, http("basic", "A user's username and PIN"))
				.addSecuritySchemes(TERMINAL, http("bearer", "The token a terminal got when it was registered"))
				.addSecuritySchemes(SCIM, http("bearer", "A SCIM token created by an administrator")));
	}

	private static SecurityScheme http(String scheme, String description) {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme(scheme).description(description);
	}

	/** Puts on every operation the credentials its path takes. */
	@Bean
	OpenApiCustomizer credentialsByPath() {
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			List<SecurityRequirement> security = credentialsFor(path);
			item.readOperations().forEach((operation) -> operation.setSecurity(security));
		});
	}

	static List<SecurityRequirement> credentialsFor(String path) {
		Map<String, String> byPrefix = Map.of("/api/v1/terminal/", TERMINAL, "/api/v1/me/", USER, "/scim/", SCIM);
		if (path.startsWith("/api/v1/pin-reset/")) {
			return List.of(); // anyone may ask for a reset code
		}
		return byPrefix.entrySet()
			.stream()
			.filter((entry) -> path.startsWith(entry.getKey()))
			.map((entry) -> List.of(new SecurityRequirement().addList(entry.getValue())))
			.findFirst()
			.orElse(List.of(new SecurityRequirement().addList(ADMIN)));
	}

}
