package dev.warp2api.warp.client;

/**
 * The GraphQL operations we send: only the fields the gateway reads (docs/PROTOCOL.md, 'Quota' and
 * 'Model ids').
 */
final class GraphqlDocuments {
  private GraphqlDocuments() {}

  static final String REQUEST_LIMIT_INFO = "GetRequestLimitInfo";
  static final String FEATURE_MODEL_CHOICES = "GetFeatureModelChoices";

  private static final String ERROR_BRANCH = """
          ... on UserFacingError {
            error { __typename message }
          }
      """;

  static final String REQUEST_LIMIT_INFO_QUERY = """
      query GetRequestLimitInfo($requestContext: RequestContext!) {
        user(requestContext: $requestContext) {
          __typename
          ... on UserOutput {
            user {
              requestLimitInfo {
                isUnlimited
                nextRefreshTime
                requestLimit
                requestsUsedSinceLastRefresh
                requestLimitRefreshDuration
              }
            }
          }
      """ + ERROR_BRANCH + """
        }
      }
      """;

  static final String FEATURE_MODEL_CHOICES_QUERY = """
      query GetFeatureModelChoices($requestContext: RequestContext!) {
        user(requestContext: $requestContext) {
          __typename
          ... on UserOutput {
            user {
              workspaces {
                featureModelChoice {
                  agentMode {
                    defaultId
                    choices {
                      id
                      displayName
                      baseModelName
                      reasoningLevel
                      visionSupported
                      provider
                      disableReason
                      contextWindow { max default }
                      usageMetadata { creditMultiplier }
                    }
                  }
                }
              }
            }
          }
      """ + ERROR_BRANCH + """
        }
      }
      """;
}
