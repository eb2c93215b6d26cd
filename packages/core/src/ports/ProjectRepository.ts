import { Context } from "effect"
import type { Project, ProjectFilter, ProjectSortField } from "../domain/Project.js"
import type { ProjectId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of projects. */
export interface ProjectRepositoryService extends Repository<Project, ProjectId, ProjectFilter, ProjectSortField> {}

/** Storage of projects. */
export class ProjectRepository extends Context.Tag("@agency-crm/core/ProjectRepository")<
  ProjectRepository,
  ProjectRepositoryService
>() {}
