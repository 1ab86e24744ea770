import { Button } from "@/components/ui/button";
import { SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";

/** A plain GET form: the search lives in the URL, so results are shareable and the back button works. */
export function UserSearch({ defaultValue }: { defaultValue: string }) {
  return (
    <form role="search" action="/admin/users" className="flex max-w-md gap-2">
      <label htmlFor="user-search" className="sr-only">
        Search users by email or name
      </label>
      <Input id="user-search" name="q" type="search" defaultValue={defaultValue} placeholder="Search by email or name" />
      <Button type="submit" variant="secondary" icon={<SearchIcon />}>
        Search
      </Button>
    </form>
  );
}
