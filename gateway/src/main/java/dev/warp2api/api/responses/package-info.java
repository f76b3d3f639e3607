/**
 * The OpenAI Responses API ({@code /v1/responses}): request items and tools into a
 * {@code core.ChatRequest}, the neutral chat events back into Responses stream events or a response
 * object, and the stored responses that {@code previous_response_id}, {@code GET} and
 * {@code DELETE} read.
 */
package dev.warp2api.api.responses;
