package io.gatehouse.web;

import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors on portal pages become pages that help, in the person's language, with the portal around them. */
@ControllerAdvice(annotations = PortalPage.class)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, null);
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return page(HttpStatus.FORBIDDEN, e.reasonCode());
    }

    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ModelAndView noResource(Exception e) {
        return page(HttpStatus.NOT_FOUND, null);
    }

    private static ModelAndView page(HttpStatus status, String reason) {
        ModelAndView page = new ModelAndView("error/" + status.value(), status);
        page.addObject("status", status.value());
        page.addObject("reason", reason);
        return page;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        log.error("Unexpected error on a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, null);
    }
}
