package dev.outbound.request;

import dev.outbound.OutboundProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestConfig {
    @Bean
    Targets targets(OutboundProperties properties) {
        return new Targets(properties.defaultRegion());
    }
}
