package dev.pinwarden.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import dev.pinwarden.ApplicationException;

/**
 * Failures of the pages (the controllers of this package) as a page, not as the API's
 * JSON problem details; page controllers show the failures a person can act on
 * themselves.
 */
@ControllerAdvice(basePackageClasses = PageExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

	@ExceptionHandler(ApplicationException.class)
	ModelAndView application(ApplicationException ex) {
		// a page is shown to someone logged in already: no 401 asks a browser for
		// credentials
		HttpStatus status = (ex.kind() == ApplicationException.Kind.UNAUTHORIZED) ? HttpStatus.FORBIDDEN
				: HttpStatus.valueOf(ex.kind().httpStatus());
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("detail", ex.getMessage());
		return page;
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex) {
		log.error("Unexpected failure on a page", ex);
		ModelAndView page = new ModelAndView("error", HttpStatus.INTERNAL_SERVER_ERROR);
		page.addObject("status", 500);
		return page;
	}

}
