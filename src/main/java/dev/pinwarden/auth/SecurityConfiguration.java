package dev.pinwarden.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import dev.pinwarden.RetryAfter;

/**
 * Three doors. The API: stateless HTTP Basic (administrators with their password, users
 * with their PIN for {@code /api/v1/me}), no cookies and so no CSRF token; terminals
 * check their own bearer tokens, on a lean chain of their own; health needs nothing,
 * metrics an administrator or the metrics token ({@link MetricsTokenFilter}). The OpenAPI
 * description and its browser are public: they describe, they hold nothing. SCIM has its
 * own chain ({@link ScimSecurity}). The web pages: a form login with a session cookie
 * (HttpOnly, SameSite), CSRF tokens on every form, and a strict Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

	/**
	 * Requests are measured as a whole ({@code http_server_requests_seconds}), not each
	 * security filter on their way: observed, every filter of every request was an
	 * observation and a meter lookup (bench/README.md has what that cost). Without these
	 * settings the filters stay wrapped in observations that a predicate turns down one
	 * by one.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The path every print job takes. Terminals check their bearer token in
	 * {@code dev.pinwarden.terminal.TerminalAuthentication}, so this chain keeps only
	 * what the answer needs: the security headers. No session, anonymous user, request
	 * cache, CSRF or Basic authentication filters run for it, which makes a PIN check
	 * about a tenth cheaper.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain terminalSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/terminal/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.securityContext((context) -> context.disable())
			.exceptionHandling((exceptions) -> exceptions.disable())
			.logout((logout) -> logout.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, AuthenticationProvider logins,
			AuthProperties properties, Tokens tokens,
			@Value("${pinwarden.mail.public-url:http://localhost:8080}") String publicUrl) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/api/v1/pin-reset/**")
				.permitAll()
				.requestMatchers("/api/v1/me/**")
				.hasRole(Roles.USER)
				.requestMatchers(MetricsTokenFilter.PATH)
				.hasAnyRole(Roles.ADMIN, Roles.METRICS)
				.requestMatchers("/api/**")
				.hasRole(Roles.ADMIN)
				.anyRequest()
				.denyAll())
			.authenticationProvider(logins)
			.addFilterBefore(new MetricsTokenFilter(properties, tokens, problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new CrossSiteRequestFilter(problems, publicUrl), BasicAuthenticationFilter.class);
		http.httpBasic((basic) -> basic.authenticationEntryPoint((request, response, ex) -> {
			if (ex instanceof RetryAfter busy) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(busy.retryAfterSeconds()));
				problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited", ex.getMessage());
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"pinwarden\"");
			problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
					"Authentication is required: HTTP Basic with an administrator's password, or a user's PIN");
		}));
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler((request, response, ex) -> problems
			.write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this")));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationProvider logins, SessionAccounts accounts)
			throws Exception {
		http.addFilterAfter(new EndedSessionFilter(accounts), SecurityContextHolderFilter.class);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/forgot-pin", "/forgot-pin/**", "/css/**", "/js/**", "/webjars/**",
					"/favicon.ico", "/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/admin", "/admin/**")
			.hasRole(Roles.ADMIN)
			.anyRequest()
			.authenticated())
			.authenticationProvider(logins)
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("username")
				.passwordParameter("secret")
				.defaultSuccessUrl("/", true)
				.failureHandler((request, response, ex) -> response.sendRedirect(
						request.getContextPath() + ((ex instanceof RetryAfter) ? "/login?busy" : "/login?error")))
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions((frames) -> frames.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
