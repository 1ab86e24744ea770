import { redirect } from "next/navigation";
import { requireAdministrator } from "@/lib/auth/viewer";

export default async function AdministrationHome() {
  await requireAdministrator();
  redirect("/admin/federation");
}
