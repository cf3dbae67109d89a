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

    private final PortalModel portalModel;

    PageErrors(PortalModel portalModel) {
        this.portalModel = portalModel;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, jakarta.servlet.http.HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, null, request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e, jakarta.servlet.http.HttpServletRequest request) {
        return page(HttpStatus.FORBIDDEN, e.reasonCode(), request);
    }

    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ModelAndView noResource(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, null, request);
    }

    /** An error page keeps the portal's frame, so the person can go on from it. */
    private ModelAndView page(HttpStatus status, String reason, jakarta.servlet.http.HttpServletRequest request) {
        ModelAndView page = new ModelAndView("error/" + status.value(), status);
        page.addObject("portal", portalModel.forErrorPage(request));
        page.addObject("status", status.value());
        page.addObject("reason", reason);
        return page;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        log.error("Unexpected error on a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, null, request);
    }
}
