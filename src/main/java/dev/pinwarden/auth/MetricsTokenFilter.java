package dev.pinwarden.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a Prometheus scraper in with
 * {@code Authorization: Bearer <PINWARDEN_METRICS_TOKEN>} on
 * {@code /actuator/prometheus}, and nowhere else. A scrape then costs a hash, not the
 * bcrypt check of an administrator's password (every 15 s on every node), and the
 * scraper's configuration holds no administrator's password. A bearer token that is not
 * the metrics token is refused here, without falling back to other credentials.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

	static final String PATH = "/actuator/prometheus";

	private static final String BEARER = "Bearer ";

	private final byte[] tokenHash;

	private final ProblemResponses problems;

	MetricsTokenFilter(AuthProperties properties, ProblemResponses problems) {
		this.problems = problems;
		String token = properties.metricsToken();
		this.tokenHash = (token == null || token.isBlank()) ? null : sha256(token.strip());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return !PATH.equals(request.getRequestURI()) || authorization == null
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip();
		// compared as hashes of equal length, in constant time
		if (this.tokenHash == null || !MessageDigest.isEqual(this.tokenHash, sha256(given))) {
			this.problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", (this.tokenHash == null)
					? "No metrics token is configured (PINWARDEN_METRICS_TOKEN)" : "The metrics token is not valid");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics", null,
				List.of(new SimpleGrantedAuthority("ROLE_" + Roles.METRICS))));
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
