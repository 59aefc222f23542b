package dev.pinwarden.auth;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SCIM endpoints answer to a SCIM bearer token only, and speak SCIM's own error format
 * (RFC 7644 section 3.12) when it is missing or wrong.
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurity {

	static final String SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

	@Bean
	@Order(1)
	SecurityFilterChain scimFilterChain(HttpSecurity http, ScimTokens tokens, JsonMapper json) throws Exception {
		http.securityMatcher("/scim/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("SCIM"))
			.addFilterBefore(new BearerFilter(tokens), BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> error(json, response, 401,
						"A valid SCIM bearer token is required: Authorization: Bearer <token>"))
				.accessDeniedHandler((request, response, ex) -> error(json, response, 403, "Not allowed")))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	static void error(JsonMapper json, HttpServletResponse response, int status, String detail) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("schemas", List.of(SCIM_ERROR));
		body.put("status", String.valueOf(status));
		body.put("detail", detail);
		response.setStatus(status);
		response.setContentType("application/scim+json");
		response.setCharacterEncoding("UTF-8");
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"pinwarden-scim\"");
		}
		json.writeValue(response.getOutputStream(), body);
	}

	/** Authenticates a request whose bearer token is a valid SCIM token. */
	private static final class BearerFilter extends OncePerRequestFilter {

		private final ScimTokens tokens;

		BearerFilter(ScimTokens tokens) {
			this.tokens = tokens;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String token = Tokens.bearer(request.getHeader("Authorization"));
			if (token != null && this.tokens.isValid(token)) {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("scim", null,
							List.of(new SimpleGrantedAuthority("ROLE_SCIM"))));
			}
			chain.doFilter(request, response);
		}

	}

}
