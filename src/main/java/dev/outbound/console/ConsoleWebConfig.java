package dev.outbound.console;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class ConsoleWebConfig implements WebMvcConfigurer {
    private final ConsoleGuard guard;

    ConsoleWebConfig(ConsoleGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard)
                .addPathPatterns("/console", "/console/**")
                .excludePathPatterns("/console/assets/**");
    }

    /**
     * Thymeleaf's resource-URL rewriting for the console's pages only. Spring Boot would map it to
     * every request once the resource chain is on, wrapping each API request and response for
     * nothing: only the console's templates write asset URLs.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> consoleResourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.addUrlPatterns("/console", "/console/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/console");
    }
}
