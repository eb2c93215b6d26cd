import { Context } from "effect"
import type { TeamMember, TeamMemberFilter, TeamMemberSortField } from "../domain/TeamMember.js"
import type { TeamMemberId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of team members. */
export interface TeamMemberRepositoryService extends Repository<
  TeamMember,
  TeamMemberId,
  TeamMemberFilter,
  TeamMemberSortField
> {}

/** Storage of team members. */
export class TeamMemberRepository extends Context.Tag("@agency-crm/core/TeamMemberRepository")<
  TeamMemberRepository,
  TeamMemberRepositoryService
>() {}
