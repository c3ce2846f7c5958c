package dev.outbound.contact;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ContactConfig {
    @Bean
    ContactKey contactKey(JsonMapper json) {
        return new ContactKey(json);
    }
}
