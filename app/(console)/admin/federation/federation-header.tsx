import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";

/** Title and tabs shared by the pages of the single sign-on area. */
export function FederationHeader({ active }: { active: "connection" | "provisioning" }) {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Single sign-on"
        description="Your identity provider signs your people in. With SCIM provisioning it also creates, updates and removes their accounts."
      />
      <Tabs
        label="Single sign-on sections"
        active={active}
        items={[
          { id: "connection", label: "Connection", href: "/admin/federation" },
          { id: "provisioning", label: "Provisioning", href: "/admin/federation/provisioning" },
        ]}
      />
    </div>
  );
}
