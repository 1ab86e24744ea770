// Role assignments: the operations and lists the Access pages use (each lives in its own file).
export { assignRole, type AssignRoleInput, type AssignedRole, type PrincipalInput } from "./assign-role";
export { removeAssignment, type RemoveAssignmentInput } from "./remove-assignment";
export { countUsersReached } from "./count-users-reached";
export { listGroupMappings, type GroupMapping } from "./list-group-mappings";
export { listUserAssignments, type UserAssignment } from "./list-user-assignments";
export { AccessError, isAccessError, type AccessErrorCode } from "./access-error";
