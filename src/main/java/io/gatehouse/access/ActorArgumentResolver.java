package io.gatehouse.access;

import io.gatehouse.shared.UserId;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take the current {@link Actor} as a parameter. The principal's name is
 * the account id; the actor is read once per request.
 */
@Component
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private final Actors actors;

    ActorArgumentResolver(Actors actors) {
        this.actors = actors;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object cached = request.getAttribute(Actors.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (cached instanceof Actor actor) {
            return actor;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("not signed in");
        }
        Actor actor = actors.load(UserId.parse(authentication.getName()));
        request.setAttribute(Actors.ATTRIBUTE, actor, RequestAttributes.SCOPE_REQUEST);
        return actor;
    }
}
