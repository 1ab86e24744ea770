import "next-auth";
import "next-auth/jwt";

export type SignInMethod = "federated" | "password";

declare module "next-auth" {
  interface User {
    /** Set by the sign-in callbacks once the portal user is known. */
    portal?: { userId: string; accountId: string; sessionEpoch: number; method: SignInMethod };
  }
  interface Session {
    user: { id: string; accountId: string; method: SignInMethod; epoch: number; email?: string | null; name?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    aid?: string;
    epoch?: number;
    method?: SignInMethod;
  }
}
