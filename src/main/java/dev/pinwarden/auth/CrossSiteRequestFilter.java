package dev.pinwarden.auth;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
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

	/**
	 * The origin of the public URL, as {@link OriginName} writes it; null if it has none.
	 */
	private final String publicOrigin;

	CrossSiteRequestFilter(ProblemResponses problems, String publicUrl) {
		this.problems = problems;
		this.publicOrigin = OriginName.of(publicUrl).orElse(null);
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

	private String refusal(HttpServletRequest request) {
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

	/**
	 * Whether an Origin is this server's: the scheme, host and port the request came to
	 * (as a reverse proxy reports them, with {@code server.forward-headers-strategy}), or
	 * those of {@code PINWARDEN_PUBLIC_URL}.
	 */
	private boolean isThisServer(String origin, HttpServletRequest request) {
		Optional<String> given = OriginName.of(origin);
		return given.isPresent() && (given.get().equals(this.publicOrigin) || given.get()
			.equals(OriginName.of(request.getScheme(), request.getServerName(), request.getServerPort())));
	}

	/** An origin written one way: lower-case scheme and host, and always a port. */
	static final class OriginName {

		private OriginName() {
		}

		static Optional<String> of(String url) {
			try {
				java.net.URI uri = java.net.URI.create(url.strip());
				if (uri.getScheme() == null || uri.getHost() == null) {
					return Optional.empty(); // "null": a sandboxed page or a file
				}
				return Optional.of(of(uri.getScheme(), uri.getHost(), uri.getPort()));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

		static String of(String scheme, String host, int port) {
			String lower = scheme.toLowerCase(Locale.ROOT);
			int explicit = (port != -1) ? port : (lower.equals("https") ? 443 : 80);
			String name = host.toLowerCase(Locale.ROOT);
			// an IPv6 address is written with brackets in a URL, without them by the
			// servlet
			if (name.contains(":") && !name.startsWith("[")) {
				name = "[" + name + "]";
			}
			return lower + "://" + name + ":" + explicit;
		}

	}

	private static String printable(String origin) {
		String shown = (origin.length() > 100) ? origin.substring(0, 100) + "..." : origin;
		return shown.replaceAll("\\p{Cntrl}", "?");
	}

}
