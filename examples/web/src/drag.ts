// Drag and drop on the boards: a card carries its id; a column takes it. The menu on each card stays the keyboard's
// (and screen reader's) way to do the same move.

const TYPE = "application/x-agency-crm-card"

/** The props of a draggable card. */
export const draggable = (id: string) => ({
  draggable: true,
  onDragStart: (event: DragEvent) => {
    event.dataTransfer?.setData(TYPE, id)
    if (event.dataTransfer !== null) event.dataTransfer.effectAllowed = "move"
  }
})

/** The props of a column that takes cards: `onCard` gets the dropped card's id. */
export const dropTarget = (onCard: (id: string) => void) => ({
  onDragOver: (event: DragEvent) => {
    if (event.dataTransfer?.types.includes(TYPE) === true) event.preventDefault()
  },
  onDrop: (event: DragEvent) => {
    const id = event.dataTransfer?.getData(TYPE)
    if (id !== undefined && id !== "") {
      event.preventDefault()
      onCard(id)
    }
  }
})
