package io.gatehouse.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of every page and message: the signed-in person's own choice; before sign-in,
 * the one picked on the sign-in page (a cookie), else the browser's.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"), Locale.JAPANESE);

    @Bean
    LocaleResolver localeResolver(SignedInAccount signedIn) {
        return new PersonLocaleResolver(signedIn);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    static final class PersonLocaleResolver extends CookieLocaleResolver {

        private static final String ATTRIBUTE = PersonLocaleResolver.class.getName() + ".locale";

        private final SignedInAccount signedIn;

        PersonLocaleResolver(SignedInAccount signedIn) {
            super("gatehouse-lang");
            this.signedIn = signedIn;
            setDefaultLocaleFunction(request -> supported(request.getLocale()));
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            Object cached = request.getAttribute(ATTRIBUTE);
            if (cached instanceof Locale locale) {
                return locale;
            }
            // API clients say what they want per request; the portal follows the person's own setting.
            boolean apiWithHeader = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                    && request.getHeader("Accept-Language") != null;
            Locale locale = apiWithHeader ? supported(request.getLocale())
                    : signedIn.of(request).map(me -> me.language().locale()).orElseGet(() -> super.resolveLocale(request));
            request.setAttribute(ATTRIBUTE, locale);
            return locale;
        }

        /** The dispatcher asks for a locale context, not a locale: route it through the person's own choice. */
        @Override
        public org.springframework.context.i18n.LocaleContext resolveLocaleContext(HttpServletRequest request) {
            return () -> resolveLocale(request);
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            request.removeAttribute(ATTRIBUTE);
            signedIn.forget(request);
            Locale supported = locale == null ? null : SUPPORTED.stream()
                    .filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(null);
            super.setLocale(request, response, supported);
        }

        private static Locale supported(Locale requested) {
            return SUPPORTED.stream().filter(l -> l.getLanguage().equals(requested.getLanguage())).findFirst()
                    .orElse(Locale.ENGLISH);
        }
    }
}
