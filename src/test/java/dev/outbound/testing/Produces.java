package dev.outbound.testing;

import dev.outbound.channel.ChannelManagerStatus;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that drives the service to produce these channel statuses and asserts them.
 * ChannelStatusCoverageTest collects the marks of every test class and fails for any status that
 * no marked test produces.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Produces {
    ChannelManagerStatus[] value();
}
