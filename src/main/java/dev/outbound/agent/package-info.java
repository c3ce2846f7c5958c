/**
 * Agents ({@code /agents}, an extension): who takes over an answered call ({@code voice_url}, the
 * TwiML hand-off) and the replies to a text ({@code sms_url}). A campaign's {@code agent_id} names
 * one. Owns the {@code agent} table; other capabilities read agents through {@link
 * dev.outbound.agent.Agents}. Both URLs obey the agent host rule ({@link
 * dev.outbound.channel.AgentHosts}).
 */
@NullMarked
package dev.outbound.agent;

import org.jspecify.annotations.NullMarked;
