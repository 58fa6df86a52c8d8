package io.clearing.core.engine.api;

import java.util.List;

/**
 * One community of the clearing hierarchy: its region and its members. A hierarchical run clears inside each
 * community first, then inside each region, then everything that remains.
 *
 * @param communityId    the community.
 * @param regionId       its region, or null when it is in none (it is then a region of its own).
 * @param participantIds its members in registration order.
 */
public record CommunityMembership(String communityId, String regionId, List<String> participantIds)
{
}
