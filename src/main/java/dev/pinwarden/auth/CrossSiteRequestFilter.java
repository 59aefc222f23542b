package dev.pinwarden.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browsers keep HTTP Basic credentials and send them along with requests that other sites
 * make them send. The API takes JSON and CSV, which a cross-site page can only send as a
 * plain form; so a state-changing API request is refused (403 {@code cross_site}) when
 * the browser says it comes from another site ({@code Sec-Fetch-Site: cross-site}, or an
 * {@code Origin} that is not this server's), or when it has a form's content type.
 * Scripts and tools send neither, and are not affected.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	/** What an HTML form can send without the page's script asking for permission. */
	private static final Set<String> FORM_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
			"multipart/form-data");

	private final ProblemResponses problems;

	CrossSiteRequestFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return SAFE_METHODS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = refusal(request);
		if (refusal != null) {
			this.problems.write(response, HttpStatus.FORBIDDEN, "cross_site", refusal);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String refusal(HttpServletRequest request) {
		if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
			return "The request comes from another site (Sec-Fetch-Site: cross-site); the API does not take those";
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null && !isThisServer(origin, request)) {
			return "The request comes from another site (Origin " + printable(origin)
					+ "); the API does not take those";
		}
		String contentType = request.getContentType();
		if (contentType != null) {
			String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
			if (FORM_TYPES.contains(type)) {
				return "The API takes JSON (application/json) or CSV (text/csv), not a form's " + type;
			}
		}
		return null;
	}

	/** Whether an Origin names the host and port the request was sent to. */
	private static boolean isThisServer(String origin, HttpServletRequest request) {
		String host = request.getHeader(HttpHeaders.HOST);
		if (host == null) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			if (uri.getHost() == null) {
				return false; // "null": a sandboxed page or a file
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
			URI requested = URI.create("http://" + host);
			int requestedPort = (requested.getPort() != -1) ? requested.getPort()
					: ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
			return uri.getHost().equalsIgnoreCase(requested.getHost()) && port == requestedPort;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String printable(String origin) {
		String shown = (origin.length() > 100) ? origin.substring(0, 100) + "..." : origin;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
