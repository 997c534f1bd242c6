import {
  zLockAccountInput,
  zPersonInput,
  zSearchPeopleInput,
  zUnlockAccountInput,
} from "@ciar/domain/schemas/people";
import { platformProcedure } from "../procedures/platform";
import { lockAccount, unlockAccount } from "../services/people/lock-account";
import { getPerson, searchPeople } from "../services/people/search-people";
import { router } from "../trpc";

/** People, platform-wide (platform admins): find an account, see its memberships, lock or unlock it. */
export const peopleRouter = router({
  list: platformProcedure.input(zSearchPeopleInput).query(({ ctx, input }) => searchPeople(ctx.tx, input)),
  detail: platformProcedure.input(zPersonInput).query(({ ctx, input }) => getPerson(ctx.tx, input.userId)),
  lock: platformProcedure
    .input(zLockAccountInput)
    .mutation(({ ctx, input }) => lockAccount(ctx.tx, ctx.deps.secretBox, ctx.actor, input)),
  unlock: platformProcedure
    .input(zUnlockAccountInput)
    .mutation(({ ctx, input }) => unlockAccount(ctx.tx, ctx.actor, input)),
});
