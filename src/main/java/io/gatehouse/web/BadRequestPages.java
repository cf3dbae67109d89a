package io.gatehouse.web;

import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page asked with values it cannot use (a missing or ill-typed parameter, text no field accepts)
 * answers 400 with what was wrong, in the person's language; nothing changed. Pages before sign-in
 * (registration, password reset) included. The API answers these itself, ahead of this.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ControllerAdvice(annotations = Controller.class)
class BadRequestPages {


    private final PortalModel portalModel;
    private final Problems problems;

    BadRequestPages(PortalModel portalModel, Problems problems) {
        this.portalModel = portalModel;
        this.problems = problems;
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e, HttpServletRequest request, Locale locale) {
        return page(request, e.errors().stream()
                .map(error -> error.field() + ": " + problems.message(error.messageCode(), error.arguments().toArray(), locale,
                        error.messageCode()))
                .toList());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException e, HttpServletRequest request, Locale locale) {
        return page(request, List.of(e.getParameterName() + ": " + problems.message("validation.required", null, locale, "")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, Locale locale) {
        return page(request, List.of(e.getName() + ": " + problems.message("validation.invalid", null, locale, "")));
    }

    @ExceptionHandler(BindException.class)
    ModelAndView binding(BindException e, HttpServletRequest request, Locale locale) {
        return page(request, e.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + problems.message("validation.invalid", null, locale, ""))
                .toList());
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class,
            HandlerMethodValidationException.class})
    ModelAndView unreadable(Exception e, HttpServletRequest request) {
        return page(request, List.of());
    }

    private ModelAndView page(HttpServletRequest request, List<String> errors) {
        ModelAndView page = new ModelAndView("error/400", HttpStatus.BAD_REQUEST);
        page.addObject("portal", portalModel.forErrorPage(request));
        page.addObject("status", 400);
        page.addObject("errors", errors);
        return page;
    }
}
