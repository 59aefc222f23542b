package dev.pinwarden.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.pinwarden.web.ProblemResponses;

/**
 * The admin API answers to HTTP Basic as an administrator; the terminal API checks its
 * own bearer tokens; health needs nothing. The API is stateless and uses no cookies, so
 * it has no CSRF token; the web pages will get their own session-based chain with CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
					.permitAll()
					.requestMatchers("/api/v1/terminal/**")
					.permitAll()
					.requestMatchers("/api/**")
					.hasRole(AdminAccounts.ROLE)
					.anyRequest()
					.authenticated());
		http.httpBasic((basic) -> basic.authenticationEntryPoint((request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"pinwarden\"");
			problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
					"Authentication is required: HTTP Basic with an administrator's credentials");
		}));
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler((request, response, ex) -> problems
			.write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this")));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
