package dev.pinwarden.auth;

import java.io.IOException;
import java.security.MessageDigest;
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

	private final Tokens tokens;

	private final byte[] tokenHash;

	private final ProblemResponses problems;

	MetricsTokenFilter(AuthProperties properties, Tokens tokens, ProblemResponses problems) {
		this.tokens = tokens;
		this.problems = problems;
		this.tokenHash = (properties.metricsToken() == null) ? null : tokens.hash(properties.metricsToken());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PATH.equals(request.getRequestURI())
				|| Tokens.bearer(request.getHeader(HttpHeaders.AUTHORIZATION)) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = Tokens.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
		// compared as hashes of equal length, in constant time
		if (this.tokenHash == null || !MessageDigest.isEqual(this.tokenHash, this.tokens.hash(given))) {
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

}
