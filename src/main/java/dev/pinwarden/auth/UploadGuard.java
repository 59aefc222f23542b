package dev.pinwarden.auth;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a file upload (a multipart body) to the pages from anyone but a logged-in
 * administrator, before any filter reads a request parameter: reading one makes the
 * servlet container parse the whole body into temporary files, up to the upload limit,
 * and the CSRF check reads one. Without this, anybody could make the server write
 * hundreds of megabytes to disk per request, to be refused only afterwards. Only
 * administrators' pages take uploads. Someone not logged in (a session that ended) is
 * sent to the login page, as for any page; a user gets 403.
 */
class UploadGuard extends OncePerRequestFilter {

	private static final String ADMIN_AUTHORITY = "ROLE_" + Roles.ADMIN;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			response.sendRedirect(request.getContextPath() + "/login");
			return;
		}
		if (authentication.getAuthorities()
			.stream()
			.noneMatch((authority) -> ADMIN_AUTHORITY.equals(authority.getAuthority()))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

}
